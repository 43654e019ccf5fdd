package io.puppetplane.enrollment.node.service;

/** No node has that certname. */
public class NodeNotFoundException extends RuntimeException {
    public NodeNotFoundException(String certname) {
        super("no node named " + certname);
    }
}
