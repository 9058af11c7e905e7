package com.waqup.catalog.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalog's text normalization, applied alike to what is indexed and to what people type: accents folded
 * ({@code Méditation} → {@code meditation}, {@code Straße} → {@code strasse}), lower case, words split on anything
 * that is not a letter or digit. Elasticsearch's bare distribution has no {@code asciifolding}; folding here keeps
 * the index portable to any Elasticsearch, managed ones included (docs/catalog.md).
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
    /** Words that carry no meaning in a search for practices; dropped from queries (never from the index). */
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "the", "for", "to", "of", "with", "my", "me",
            "in", "on", "at", "i", "is", "it", "or", "your", "you", "by");

    private SearchText() {
    }

    /** {@code text} with accents and ligatures folded to ASCII letters, lower-cased; {@code ""} for null. */
    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder expanded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case 'ß' -> expanded.append("ss");
                case 'æ', 'Æ' -> expanded.append("ae");
                case 'œ', 'Œ' -> expanded.append("oe");
                case 'ø', 'Ø' -> expanded.append('o');
                case 'ł', 'Ł' -> expanded.append('l');
                case 'đ', 'Đ' -> expanded.append('d');
                case 'þ', 'Þ' -> expanded.append("th");
                case 'ı' -> expanded.append('i');
                default -> expanded.append(c);
            }
        }
        String decomposed = Normalizer.normalize(expanded, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** The folded words of {@code text}, in order. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : NON_WORD.split(fold(text))) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** The folded words of a query, without stop words (all of them when the query is only stop words). */
    public static List<String> queryWords(String query, int max) {
        List<String> all = words(query);
        List<String> meaningful = all.stream().filter(w -> !STOP_WORDS.contains(w)).toList();
        List<String> chosen = meaningful.isEmpty() ? all : meaningful;
        return chosen.size() > max ? chosen.subList(0, max) : chosen;
    }

    /** A tag as filters compare it: folded, trimmed, inner spaces collapsed. */
    public static String tagKey(String tag) {
        return String.join(" ", words(tag));
    }
}
