package io.puppetplane.lang.value;

/**
 * A reference to a resource, {@code Type['title']}; also the value of {@code Class['name']}. The type name is
 * capitalised per segment ({@code Certs::Key}), class titles likewise ({@code Class[Ntp]}).
 */
public record ResourceRef(String type, String title) {

    @Override
    public String toString() {
        return type + "[" + title + "]";
    }
}
