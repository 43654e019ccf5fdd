package io.puppetplane.enrollment.node.service;

import java.util.Map;

/** What is needed to enroll a machine; role and classes may come later. */
public record NewNode(String certname, String address, String kind, String role,
        Map<String, Map<String, Object>> classes) {
}
