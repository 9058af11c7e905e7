package com.waqup.generation.script;

/**
 * The silence after a line, by what the line asks of the listener: the shortest that still works, the usual one,
 * and the longest that does not feel like the recording stopped. Fitting stretches or shrinks every pause by one
 * common factor inside these bounds.
 */
enum Pause {
    /** After the opening words. */
    OPENING(2, 4, 10),
    /** After naming the person's feeling. */
    FEELING(2, 4, 10),
    /** After an affirmation that is said again: time to repeat it silently. */
    REPEAT(2, 5, 12),
    /** After the last repetition of an affirmation: time for it to land. */
    GROUP_END(3, 7, 20),
    SETTLE(2, 7, 20),
    BREATH_IN(2, 4, 7),
    BREATH_OUT(3, 6, 12),
    BREATH_CUE(3, 7, 15),
    BODY(2, 8, 25),
    SCENE(3, 10, 30),
    /** Silence held on purpose ("Rest here."). */
    REST(10, 25, 60),
    RETURN(2, 4, 10),
    /** After a ritual action: time to do it. */
    ACTION(4, 18, 60),
    /** Inside a ritual action ("Stay with it."). */
    HOLD(5, 15, 45),
    IDENTITY(2, 5, 12),
    ANCHOR(3, 7, 20),
    CLOSING(1, 3, 8);

    final double min;
    final double nominal;
    final double max;

    Pause(double min, double nominal, double max) {
        this.min = min;
        this.nominal = nominal;
        this.max = max;
    }
}
