package com.waqup.credit.ledger;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface PurchaseRefundRepository extends JpaRepository<PurchaseRefund, UUID> {

    List<PurchaseRefund> findByPaymentIdAndAppliedAtIsNull(UUID paymentId);
}
