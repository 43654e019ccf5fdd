package io.puppetplane.fileserve.service;

/** fileserver.conf cannot be used; the message names the file and line. */
public class FileserverConfigException extends Exception {

    public FileserverConfigException(String message) {
        super(message);
    }
}
