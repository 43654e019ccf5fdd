package io.puppetplane.enrollment.operator.repository;

import java.util.Arrays;
import java.util.Optional;

/** What an operator may do: viewers read everything, admins also change things. */
public enum OperatorRole {
    ADMIN("admin"),
    VIEWER("viewer");

    /** The security role names, as used in {@code @RolesAllowed}. */
    public static final String ADMIN_NAME = "admin";
    public static final String VIEWER_NAME = "viewer";

    private final String wireName;

    OperatorRole(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<OperatorRole> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
