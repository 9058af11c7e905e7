package com.waqup.conversation.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The offline extractor's vocabulary (documented in docs/conversation.md). Each slot value has a canonical
 * key and the phrases people use for it; matching is on whole words, case-insensitive, and the longest
 * phrase found wins, so "can't switch off" beats "off".
 */
public final class Lexicon {

    /** A canonical value, how we say it back, and the phrases that mean it. */
    public record Entry(String key, String label, List<String> phrases) {
    }

    private static Entry e(String key, String label, String... phrases) {
        List<String> all = new ArrayList<>(List.of(phrases));
        all.add(key.replace('_', ' '));
        return new Entry(key, label, all);
    }

    /** At least 40 intents, with synonyms. */
    public static final List<Entry> INTENTS = List.of(
            e("sleep", "sleep", "sleep", "fall asleep", "falling asleep", "insomnia", "can't sleep", "cannot sleep", "rest better", "sleep better", "bedtime", "drift off"),
            e("wind_down", "winding down", "switch off", "can't switch off", "wind down", "unwind", "decompress", "turn my mind off", "quiet my mind", "racing thoughts at night"),
            e("anxiety", "easing anxiety", "anxiety", "anxious", "panic", "panic attacks", "worry", "worrying", "nervousness", "calm my nerves"),
            e("stress", "releasing stress", "stress", "stressed", "overwhelm", "overwhelmed", "pressure", "tension"),
            e("calm", "calm", "calm", "calmness", "peace of mind", "settle", "settle down", "feel calmer", "something calming", "calming"),
            e("relaxation", "relaxation", "relax", "relaxing", "relaxation", "let go of tension", "loosen up"),
            e("focus", "focus", "focus", "concentrate", "concentration", "stay focused", "distracted", "attention"),
            e("confidence", "confidence", "confidence", "confident", "believe in myself", "self belief", "self-belief", "assertive"),
            e("self_worth", "self-worth", "self worth", "self-worth", "self esteem", "self-esteem", "i'm enough", "i am enough", "worthy", "not good enough"),
            e("self_compassion", "self-compassion", "self compassion", "self-compassion", "kinder to myself", "be gentle with myself", "self kindness"),
            e("gratitude", "gratitude", "gratitude", "grateful", "thankful", "appreciation", "count my blessings"),
            e("grief", "grief", "grief", "grieving", "lost my", "passed away", "bereavement", "mourning", "loss of"),
            e("energy", "energy", "energy", "energised", "energized", "more energy", "energize", "tired all the time", "sluggish", "boost"),
            e("motivation", "motivation", "motivation", "motivated", "get going", "procrastinate", "procrastination", "unmotivated"),
            e("productivity", "productivity", "productive", "productivity", "get things done", "efficiency"),
            e("discipline", "discipline", "discipline", "willpower", "stick to it", "consistency", "consistent"),
            e("habits", "building habits", "habit", "habits", "new habit", "routine", "build a habit"),
            e("morning_routine", "a morning routine", "morning routine", "morning routines", "daily routine", "good start to the day"),
            e("creativity", "creativity", "creativity", "creative", "inspiration", "inspired", "writer's block"),
            e("forgiveness", "forgiveness", "forgive", "forgiveness", "forgiving"),
            e("letting_go", "letting go", "let go", "letting go", "move on", "moving on", "release the past"),
            e("resilience", "resilience", "resilience", "resilient", "bounce back", "cope", "coping", "hard times"),
            e("courage", "courage", "courage", "brave", "bravery", "fear", "afraid", "scared"),
            e("patience", "patience", "patience", "patient", "impatient"),
            e("abundance", "abundance", "abundance", "prosperity", "money mindset", "wealth"),
            e("healing", "healing", "heal", "healing", "recovery", "recover"),
            e("body_acceptance", "body acceptance", "body image", "love my body", "body acceptance", "body confidence"),
            e("relationships", "love and relationships", "relationship", "relationships", "my partner", "love life", "romance", "romantic"),
            e("connection", "connection", "connection", "connected", "belonging"),
            e("loneliness", "easing loneliness", "lonely", "loneliness", "alone", "isolated"),
            e("mindfulness", "presence", "mindfulness", "mindful", "present moment", "be present", "presence", "here and now"),
            e("breathing", "breathing", "breathing", "breathwork", "breath", "breathe"),
            e("joy", "joy", "joy", "happiness", "happy", "happier", "cheerful"),
            e("clarity", "clarity", "clarity", "clear mind", "clear head", "brain fog", "foggy"),
            e("decisions", "making decisions", "decision", "decisions", "make a decision", "indecisive", "hard choice"),
            e("public_speaking", "public speaking", "public speaking", "presentation", "speech", "speak in public", "pitch"),
            e("exams", "exams and study", "exam", "exams", "study", "studying", "test anxiety", "revision"),
            e("work_performance", "doing well at work", "work performance", "job interview", "interview", "career", "promotion"),
            e("boundaries", "boundaries", "boundaries", "say no", "people pleasing", "people-pleasing"),
            e("inner_peace", "inner peace", "inner peace", "serenity", "tranquility", "tranquillity", "stillness"),
            e("acceptance", "acceptance", "acceptance", "accept", "accept things"),
            e("hope", "hope", "hope", "hopeful", "optimism", "optimistic", "hopeless"),
            e("pain_relief", "easing pain", "pain", "chronic pain", "headache", "aches"),
            e("anger", "calming anger", "anger", "angry", "rage", "frustration", "frustrated", "irritable"),
            e("life_change", "navigating change", "big change", "life change", "transition", "new chapter", "new beginning", "new job", "moving house"),
            e("parenting", "parenting", "parenting", "parent", "my kids", "my children", "mum", "dad"),
            e("fitness", "fitness motivation", "workout", "exercise", "fitness", "gym", "training", "running"));

    public static final List<Entry> EMOTIONS = List.of(
            e("anxious", "anxious", "anxious", "worried", "nervous", "on edge", "uneasy", "panicky", "jittery"),
            e("stressed", "stressed", "stressed", "overwhelmed", "under pressure", "burnt out", "burned out", "frazzled"),
            e("sad", "low", "sad", "down", "low", "blue", "unhappy", "heartbroken", "depressed"),
            e("tired", "tired", "tired", "exhausted", "drained", "worn out", "fatigued", "sleepy"),
            e("restless", "restless", "restless", "can't switch off", "racing thoughts", "wired", "can't sleep", "mind racing"),
            e("angry", "frustrated", "angry", "frustrated", "irritated", "annoyed", "furious"),
            e("lonely", "lonely", "lonely", "alone", "isolated", "disconnected"),
            e("scattered", "scattered", "distracted", "scattered", "unfocused", "all over the place", "foggy"),
            e("grieving", "grieving", "grieving", "heartache", "missing someone", "lost someone"),
            e("hopeful", "hopeful", "hopeful", "excited", "optimistic"),
            e("calm", "calm", "peaceful", "content", "relaxed", "at ease"));

    public static final List<Entry> TIMES = List.of(
            e("morning", "in the morning", "morning", "mornings", "wake up", "waking up", "sunrise", "breakfast", "start my day", "start of the day", "early"),
            e("midday", "at midday", "midday", "noon", "lunch", "lunchtime", "lunch break"),
            e("afternoon", "in the afternoon", "afternoon", "afternoons", "after lunch"),
            e("evening", "in the evening", "evening", "evenings", "after work", "sunset", "dinner", "tonight"),
            e("night", "at night", "night", "at night", "bedtime", "before bed", "before sleep", "going to bed", "falling asleep", "in bed at night"),
            e("anytime", "whenever it suits you", "anytime", "any time", "whenever", "any moment", "no particular time"));

    public static final List<Entry> PLACES = List.of(
            e("bed", "in bed", "in bed", "bedroom", "lying down", "lying in bed"),
            e("home", "at home", "home", "at home", "living room", "sofa", "couch"),
            e("work", "at work", "at work", "office", "desk", "workplace", "work"),
            e("outdoors", "outdoors", "outside", "outdoors", "park", "nature", "garden", "on a walk", "walking", "beach", "forest"),
            e("commute", "on the way", "commute", "commuting", "train", "bus", "subway", "tube", "in the car", "on the go"),
            e("anywhere", "anywhere", "anywhere", "wherever", "any place"));

    public static final List<Entry> PACES = List.of(
            e("slower", "slower", "slower", "really slow", "very slow", "much slower", "slowly"),
            e("slow", "slow", "slow", "a bit slower", "unhurried", "gentle pace"),
            e("moderate", "moderate", "moderate", "normal pace", "normal speed", "medium pace", "regular pace"),
            e("fast", "a bit faster", "fast", "a bit faster", "quicker", "brisk"),
            e("faster", "faster", "faster", "much faster", "very fast", "upbeat pace"));

    public static final List<Entry> TONES = List.of(
            e("warm", "warm", "warm", "friendly", "caring", "kind voice"),
            e("calm", "calm", "calm voice", "calm tone", "soothing", "serene"),
            e("gentle", "gentle", "gentle", "soft", "softly", "tender"),
            e("neutral", "neutral", "neutral", "plain", "matter of fact", "straightforward"),
            e("grounded", "grounded", "grounded", "steady", "deep voice", "strong voice"),
            e("energetic", "energetic", "energetic", "upbeat", "lively", "enthusiastic", "uplifting"));

    /** Voice keywords map to the offline voice catalog's default voices (see audio-generation-service). */
    public static final List<Entry> VOICES = List.of(
            e("en-us-female", "a female voice", "female voice", "woman's voice", "a woman speaking", "female narrator", "feminine voice"),
            e("en-us-male", "a male voice", "male voice", "man's voice", "a man speaking", "male narrator", "masculine voice"));

    /**
     * Crisis and self-harm: never "extracted", always answered with care and resources (docs/conversation.md).
     * Deliberately broad: a false alarm costs a kind message; a miss costs far more.
     */
    public static final List<String> CRISIS = List.of("kill myself", "killing myself", "suicide", "suicidal", "end my life",
            "ending my life", "take my own life", "want to die", "wanna die", "don't want to live", "do not want to live",
            "dont want to live", "don't want to be here anymore", "no reason to live", "better off dead", "self harm",
            "self-harm", "selfharm", "hurt myself", "hurting myself", "harm myself", "cut myself", "cutting myself",
            "overdose", "end it all", "not worth living", "can't go on", "cannot go on");

    public static final List<String> YES = List.of("yes", "yeah", "yep", "yup", "sure", "sounds good", "sounds great", "perfect",
            "let's do it", "lets do it", "go ahead", "go for it", "ok", "okay", "great", "confirm", "correct", "that's right",
            "looks good", "all good", "do it", "create it", "please do");
    public static final List<String> NO = List.of("no", "nope", "not quite", "not really", "change something", "wait");
    public static final List<String> DEFAULTS = List.of("you choose", "you pick", "you decide", "up to you", "surprise me",
            "whatever", "don't mind", "dont mind", "no preference", "doesn't matter", "doesnt matter", "either", "default",
            "your call", "i don't know", "i dont know", "not sure");
    public static final List<String> CANCEL = List.of("cancel", "stop", "quit", "never mind", "nevermind", "forget it", "exit",
            "i'm done", "abort");
    public static final List<String> RESTART = List.of("restart", "start over", "start again", "from scratch", "begin again", "reset");
    public static final List<String> BACK = List.of("go back", "back up", "previous question", "previous step", "undo", "back");
    public static final List<String> SKIP = List.of("skip", "next question", "pass", "skip this", "move on");
    public static final List<String> CORRECTION = List.of("actually", "instead", "change it to", "make it", "rather", "i meant",
            "correction", "no wait");

    private Lexicon() {
    }

    static String normalize(String text) {
        return " " + text.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[^a-z0-9' -]+", " ")
                .replaceAll("\\s+", " ").trim() + " ";
    }

    /**
     * Whether the normalized text contains the phrase as whole words: an occurrence not preceded and not followed
     * by a letter, digit or apostrophe (what {@code (?<![a-z0-9'])phrase(?![a-z0-9'])} finds, without a regex: the
     * extractor asks this for hundreds of phrases per message).
     */
    static boolean has(String normalized, String phrase) {
        for (int at = normalized.indexOf(phrase); at >= 0; at = normalized.indexOf(phrase, at + 1)) {
            int end = at + phrase.length();
            if ((at == 0 || !wordChar(normalized.charAt(at - 1))) && (end == normalized.length() || !wordChar(normalized.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
    }

    static boolean hasAny(String normalized, List<String> phrases) {
        for (String phrase : phrases) {
            if (has(normalized, phrase)) {
                return true;
            }
        }
        return false;
    }

    /** The entry whose longest matching phrase is longest, if any phrase matches. */
    static Optional<Entry> best(String normalized, List<Entry> entries) {
        Entry best = null;
        int bestLength = 0;
        for (Entry entry : entries) {
            for (String phrase : entry.phrases()) {
                if (phrase.length() > bestLength && has(normalized, phrase)) {
                    best = entry;
                    bestLength = phrase.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public static Optional<Entry> find(List<Entry> entries, String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    public static String label(List<Entry> entries, String key) {
        return key == null ? null : find(entries, key).map(Entry::label).orElse(key.replace('_', ' '));
    }

    /** All intent keys and phrases, for the docs and the lexicon test. */
    public static Map<String, List<String>> intentTable() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        INTENTS.forEach(i -> table.put(i.key(), i.phrases()));
        return table;
    }
}
