package com.waqup.archfixture.broken.billing;

import org.springframework.amqp.rabbit.annotation.RabbitListener;

/** billing's messaging edge: an internal of billing. */
public class PaymentListener {

    @RabbitListener(queues = "billing.payment-received")
    public void onPayment(String payment) {
        // a fixture: nothing to do
    }
}
