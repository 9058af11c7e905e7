package com.waqup.common.events;

/** Names shared by every producer and consumer of integration events. */
public final class Events {

    /** The one durable topic exchange all integration events go to. */
    public static final String EXCHANGE = "waqup.events";
    /** Where messages that failed all retries end up, routed by the consumer queue's name. */
    public static final String DEAD_LETTER_EXCHANGE = "waqup.events.dlx";

    private Events() {
    }
}
