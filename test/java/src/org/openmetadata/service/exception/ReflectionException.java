package org.openmetadata.service.exception;

/** Stand-in for OpenMetadata's ReflectionException, which ClassConverter throws. */
public class ReflectionException extends RuntimeException {
  public ReflectionException(String message) {
    super(message);
  }
}
