package com.waqup.common.events;

/**
 * An event this consumer can never apply: its data lacks what the consumer needs or breaks the contract (a poison
 * message). It goes to the consumer's dead-letter queue at once, without retries (retrying cannot fix it); compare
 * any other exception of a listener, which is taken for a transient failure and retried.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
