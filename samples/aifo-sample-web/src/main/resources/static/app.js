// The chat page: posts a question to /api/chat and shows the reply as its pieces stream in.
// EventSource cannot POST, so the stream is read with fetch and parsed as server-sent events here.
'use strict';

const log = document.getElementById('log');
const question = document.getElementById('question');
const send = document.getElementById('send');
const composer = document.getElementById('composer');

let conversationId = null;

// Every piece of text goes in with textContent (never innerHTML): replies are untrusted text.
function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    // dir="auto" lets each message pick its own direction, so Persian reads right to left.
    node.dir = 'auto';
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}

function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
}

function addTurn(role) {
    const turn = element('div', 'turn ' + role);
    log.appendChild(turn);
    return turn;
}

function showError(turn, failure) {
    const box = element('div', 'message error', failure.message || 'The reply failed.');
    box.dataset.kind = failure.kind || 'unexpected';
    if (failure.hubMessage) {
        box.appendChild(element('div', 'hub-message', failure.hubMessage));
    }
    turn.appendChild(box);
    if (failure.quota) {
        turn.appendChild(element('div', 'meta', quotaText(failure.quota)));
    }
}

function number(value) {
    return Number(value).toLocaleString('en');
}

function quotaText(quota) {
    const parts = [];
    const heading = [quota.plan ? 'plan ' + quota.plan : null, quota.period].filter(Boolean).join(', ');
    if (heading) {
        parts.push(heading);
    }
    const buckets = Object.entries(quota.buckets || {});
    if (buckets.length === 0) {
        parts.push(number(quota.remaining) + ' of ' + number(quota.limit) + ' requests left');
    }
    for (const [provider, bucket] of buckets) {
        parts.push(provider + ' ' + number(bucket.remaining) + '/' + number(bucket.limit) + ' left');
    }
    return 'quota: ' + parts.join(' · ');
}

function rateLimitText(limit) {
    const parts = [];
    if (limit.requestsLimit > 0) {
        parts.push(number(limit.requestsRemaining) + '/' + number(limit.requestsLimit) + ' requests');
    }
    if (limit.tokensLimit > 0) {
        parts.push(number(limit.tokensRemaining) + '/' + number(limit.tokensLimit) + ' tokens');
    }
    return 'rate limit: ' + parts.join(', ') + ' left';
}

function metaText(meta) {
    const parts = [meta.model];
    if (meta.quota) {
        parts.push(quotaText(meta.quota));
    } else if (meta.rateLimit) {
        parts.push(rateLimitText(meta.rateLimit));
    }
    return parts.join(' · ');
}

// Yields {event, data} for each server-sent event in the response body, as it arrives.
async function* serverSentEvents(response) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
        const { value, done } = await reader.read();
        if (done) {
            break;
        }
        buffer = (buffer + value).replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const parsed = parseEvent(block);
            if (parsed) {
                yield parsed;
            }
        }
    }
}

function parseEvent(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) {
            continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) {
            value = value.slice(1);
        }
        if (field === 'event') {
            event = value;
        } else if (field === 'data') {
            data.push(value);
        }
    }
    return data.length === 0 ? null : { event, data: data.join('\n') };
}

async function ask(text) {
    addTurn('user').appendChild(element('div', 'message user', text));
    const turn = addTurn('assistant');
    const answer = element('div', 'message assistant streaming', '');
    turn.appendChild(answer);
    scrollToEnd();
    try {
        const response = await fetch('api/chat', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
            body: JSON.stringify({ message: text, conversationId }),
        });
        if (!response.ok || !response.body) {
            throw new Error('The server answered HTTP ' + response.status + '.');
        }
        let finished = false;
        for await (const { event, data } of serverSentEvents(response)) {
            const payload = JSON.parse(data);
            if (event === 'delta') {
                answer.textContent += payload.text;
            } else if (event === 'meta') {
                conversationId = payload.conversationId;
                turn.appendChild(element('div', 'meta', metaText(payload)));
                finished = true;
            } else if (event === 'error') {
                showError(turn, payload);
                finished = true;
            }
            scrollToEnd();
        }
        if (!finished) {
            throw new Error('The reply stopped before it was complete.');
        }
    } catch (failure) {
        showError(turn, { kind: 'network', message: 'Could not get a reply: ' + failure.message });
    } finally {
        answer.classList.remove('streaming');
        if (answer.textContent === '') {
            answer.remove();
        }
        // Marks the reply complete, for anyone (or any test) waiting for it to end.
        turn.classList.add('done');
        scrollToEnd();
    }
}

composer.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    const text = question.value.trim();
    if (text === '' || send.disabled) {
        return;
    }
    question.value = '';
    send.disabled = true;
    try {
        await ask(text);
    } finally {
        send.disabled = false;
        question.focus();
    }
});

question.addEventListener('keydown', (key) => {
    if (key.key === 'Enter' && !key.shiftKey && !key.isComposing) {
        key.preventDefault();
        composer.requestSubmit();
    }
});

async function showHub() {
    try {
        const hub = await (await fetch('api/hub')).json();
        document.getElementById('hub').textContent = hub.model + ' · ' + hub.protocol + ' · ' + hub.baseUrl;
        document.getElementById('banner').hidden = !hub.simulator;
    } catch (failure) {
        document.getElementById('hub').textContent = 'hub unknown';
    }
}

showHub();
question.focus();
