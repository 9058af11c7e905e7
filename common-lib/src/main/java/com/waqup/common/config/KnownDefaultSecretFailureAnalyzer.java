package com.waqup.common.config;

import com.waqup.common.config.KnownDefaultSecrets.KnownDefaultSecretException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** "APPLICATION FAILED TO START" with what to set, instead of a stack trace. */
class KnownDefaultSecretFailureAnalyzer extends AbstractFailureAnalyzer<KnownDefaultSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KnownDefaultSecretException cause) {
        return new FailureAnalysis(cause.getMessage() + " (the production profile is active, or this runs on Kubernetes).",
                "Set " + String.join(", ", cause.variables()) + " to secret values of this deployment (docs/deployment.md,"
                        + " Secrets), e.g. from the service's Secret in the chart. On a developer's own cluster, activate"
                        + " the 'local' profile instead.", cause);
    }
}
