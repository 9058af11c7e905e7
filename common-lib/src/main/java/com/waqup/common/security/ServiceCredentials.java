package com.waqup.common.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each service's own credential for the service-token endpoint: {@code base64url(HMAC-SHA256(master key,
 * "waqup-service-client:" + service name))}, no padding. user-service holds only the master key
 * ({@code SERVICE_CLIENT_MASTER_KEY}) and recomputes the secret of whoever asks; each service holds only its own secret
 * ({@code SERVICE_CLIENT_SECRET}), so one service's secret never lets its holder act as another service.
 * {@code ./waqup admin service-secret NAME} derives one for an operator (docs/identity.md "Service identity").
 */
public final class ServiceCredentials {

    /** The public master key of a developer's machine (refused outside it: {@code KnownDefaultSecrets}). */
    public static final String LOCAL_DEV_MASTER_KEY = "local-dev-service-master-key";

    /**
     * The local default of {@code SERVICE_CLIENT_SECRET}: "derive mine from the public development master key". Refused
     * outside a developer's machine like every public default.
     */
    public static final String LOCAL_DEFAULT_SECRET = "local-dev-service-secret";

    private ServiceCredentials() {
    }

    /** The secret of {@code service} under {@code masterKey}. */
    public static String secret(String masterKey, String service) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("waqup-service-client:" + service).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The secret a service presents: the configured one, or on a developer's machine the one derived locally. */
    public static String effective(String configured, String service) {
        return configured == null || configured.isBlank() || LOCAL_DEFAULT_SECRET.equals(configured)
                ? secret(LOCAL_DEV_MASTER_KEY, service) : configured;
    }
}
