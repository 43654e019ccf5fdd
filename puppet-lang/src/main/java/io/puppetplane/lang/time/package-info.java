/**
 * Puppet's Timestamp and Timespan behaviour: Ruby's {@code Time#strftime} ({@link io.puppetplane.lang.time.RubyStrftime}),
 * Puppet's Timespan format ({@link io.puppetplane.lang.time.TimespanFormat}), reading Timestamps from strings with
 * {@code _strptime} directives ({@link io.puppetplane.lang.time.TimestampParser}) and the timezone designators Ruby
 * knows ({@link io.puppetplane.lang.time.TimeZones}). The values themselves are
 * {@link io.puppetplane.lang.value.Timestamp} and {@link io.puppetplane.lang.value.Timespan}. Errors are
 * IllegalArgumentExceptions worded as Ruby Puppet's; callers add the location.
 */
package io.puppetplane.lang.time;
