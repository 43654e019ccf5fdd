package io.puppetplane.fileserve.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of a file_metadata(s) answer, in Puppet Server's field order. {@code path} is absolute (the agent
 * refuses anything else); in a recursive answer every entry carries the root's path and its own
 * {@code relative_path}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"path", "relative_path", "links", "owner", "group", "mode", "checksum", "type", "destination"})
public record FileMetadata(
        @JsonProperty("path") String path,
        @JsonProperty("relative_path") String relativePath,
        @JsonProperty("links") String links,
        @JsonProperty("owner") int owner,
        @JsonProperty("group") int group,
        @JsonProperty("mode") int mode,
        @JsonProperty("checksum") Checksum checksum,
        @JsonProperty("type") String type,
        @JsonProperty("destination") String destination) {

    /** {@code {"type":"sha256","value":"{sha256}…"}}; the value is null for a link whose target cannot be read. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"type", "value"})
    public record Checksum(@JsonProperty("type") String type, @JsonProperty("value") String value) {
    }
}
