package io.puppetplane.lang.value;

/** What Timestamp and Timespan share, as Ruby Puppet's TimeData: their seconds as an Integer or as a Float. */
public interface TimeData {

    /** Whole seconds, floored (Ruby's {@code to_i}). */
    long wholeSeconds();

    /** Seconds with their fraction (Ruby's {@code to_f}). */
    double toSeconds();
}
