package io.puppetplane.lang.value;

import java.util.List;

/** What reverse_each and step return without a block: an iterator that prints as Iterator[T]-Value. */
public record IteratorValue(List<Object> items) {

    @Override
    public String toString() {
        String type = "Any";
        if (!items.isEmpty() && items.stream().allMatch(i -> i instanceof Long)) {
            type = "Integer";
        } else if (!items.isEmpty() && items.stream().allMatch(i -> i instanceof String)) {
            type = "String";
        }
        return "Iterator[" + type + "]-Value";
    }
}
