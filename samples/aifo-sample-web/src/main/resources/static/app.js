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

// "aifo (simulated), after myaihub: quota spent, not sent": who answered, and who did not and why.
function answeredByText(meta) {
    let text = 'answered by ' + meta.hub + (meta.simulated ? ' (simulated)' : '');
    if (meta.fallbacks && meta.fallbacks.length > 0) {
        text += ', after ' + meta.fallbacks.map(fallbackText).join('; ');
    }
    return text;
}

function fallbackText(fallback) {
    const hub = fallback.target.split(':')[0];
    return hub + ': ' + fallback.reason + (fallback.sent ? '' : ', not sent');
}

function metaText(meta) {
    const parts = [];
    if (meta.hub) {
        parts.push(answeredByText(meta));
    }
    if (meta.model) {
        parts.push(meta.model);
    }
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
        // A reply changes the hubs' quota and cool-downs: the panel shows them as they are now.
        await showHubs();
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

function untilText(until) {
    return until ? ' until ' + until.slice(0, 16).replace('T', ' ') + ' UTC' : '';
}

function coolDownText(coolDown) {
    return 'skipped' + untilText(coolDown.until) + ': ' + coolDown.reason;
}

function listNames(names) {
    return names.length < 2 ? names.join('') : names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
}

function bannerText(hubs) {
    const simulated = hubs.hubs.filter((hub) => hub.simulated);
    const variables = simulated.map((hub) => hub.keyVariable).join(', ');
    if (simulated.length === hubs.hubs.length) {
        return 'Offline: the built-in hub simulator answers for every hub (no API key set: ' + variables + ')';
    }
    return 'Simulated: the built-in hub simulator answers for ' + listNames(simulated.map((hub) => hub.name))
        + ' (no API key set: ' + variables + ')';
}

function hubItem(hub) {
    const item = element('li', 'hub-state');
    item.dataset.hub = hub.name;
    item.appendChild(element('strong', 'hub-name', hub.name));
    const where = ' · ' + hub.protocol + ' · ' + hub.baseUrl
        + (hub.simulated ? ' · simulated (' + hub.keyVariable + ' is not set)' : '');
    item.appendChild(document.createTextNode(where));
    item.appendChild(element('div', 'hub-quota', hub.quota ? quotaText(hub.quota) : 'quota: none known yet'));
    if (hub.coolDown) {
        item.appendChild(element('div', 'hub-cool-down', coolDownText(hub.coolDown)));
    }
    return item;
}

function routeItem(route, defaultRoute) {
    const name = route.name + (route.name === defaultRoute ? ' (default)' : '');
    const item = element('li', 'route-state', name + ': ' + route.targets.map((target) => target.target).join(' → '));
    for (const target of route.targets.filter((each) => each.coolDown)) {
        item.appendChild(element('div', 'hub-cool-down', target.target + ' ' + coolDownText(target.coolDown)));
    }
    return item;
}

// The hubs' panel, the banner and the header, from GET api/hubs.
async function showHubs() {
    try {
        const hubs = await (await fetch('api/hubs')).json();
        const defaultRoute = hubs.routes.find((route) => route.name === hubs.defaultRoute);
        document.getElementById('route').textContent = 'route ' + hubs.defaultRoute + ': '
            + defaultRoute.targets.map((target) => target.target.split(':')[0]).join(' → ');
        const banner = document.getElementById('banner');
        banner.hidden = !hubs.simulator;
        banner.textContent = hubs.simulator ? bannerText(hubs) : '';
        document.getElementById('hub-list').replaceChildren(...hubs.hubs.map(hubItem));
        document.getElementById('route-list')
            .replaceChildren(...hubs.routes.map((route) => routeItem(route, hubs.defaultRoute)));
    } catch (failure) {
        document.getElementById('route').textContent = 'hubs unknown';
    }
}

showHubs();
question.focus();
