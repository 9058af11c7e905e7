package com.waqup.common.json;

/**
 * Text PostgreSQL can store. A {@code text} column refuses the NUL character ({@code invalid byte sequence for encoding
 * "UTF8": 0x00}), and a lone UTF-16 surrogate has no UTF-8 form at all (the driver sends {@code ?} for it, a password
 * hasher refuses it). Both can arrive in valid JSON ({@code "\u0000"}, {@code "\ud800"}) or in a query string
 * ({@code %00}), so every service refuses them at the edge of its API, as a 400 naming the field, instead of failing
 * deep inside with a 500 or storing something else than it was sent.
 */
public final class StorableText {

    /** What a client is told about a field holding such text. */
    public static final String MESSAGE = "must not contain NUL characters or unpaired UTF-16 surrogates";

    private StorableText() {
    }

    /** True when {@code text} (null counts as storable) has no NUL character and no unpaired surrogate. */
    public static boolean isStorable(CharSequence text) {
        if (text == null) {
            return true;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
