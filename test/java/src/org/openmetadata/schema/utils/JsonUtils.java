package org.openmetadata.schema.utils;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The smallest stand-in for OpenMetadata's JsonUtils that the converters use: convertValue, with a
 * default ObjectMapper (it fails on unknown properties, as OpenMetadata's does, which is what lets a
 * converter tell the candidate classes of a oneOf apart).
 */
public final class JsonUtils {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  private JsonUtils() {}

  public static <T> T convertValue(Object object, Class<T> clazz) {
    return object == null ? null : OBJECT_MAPPER.convertValue(object, clazz);
  }
}
