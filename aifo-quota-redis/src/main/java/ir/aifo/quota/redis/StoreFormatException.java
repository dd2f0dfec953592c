package ir.aifo.quota.redis;

/** A value in Redis that is not one of the store's records: written by another program, or cut short. */
final class StoreFormatException extends Exception {

    StoreFormatException(String message) {
        super(message, null, false, false);
    }
}
