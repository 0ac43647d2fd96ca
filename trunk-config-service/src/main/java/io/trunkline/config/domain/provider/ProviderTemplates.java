package io.trunkline.config.domain.provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider catalogue, read once at start from {@value #RESOURCE}. The facts come from the
 * providers' public interop guides as summarised by PortSIP's trunk documentation; where a provider
 * offers several modes the template picks the one its guide recommends and says so in its notes. A
 * template's {@code mediaEncryption} is the SRTP keying the provider documents (Telnyx: SDES crypto
 * lines). A malformed file stops the service from starting rather than serving half a catalogue.
 */
@ApplicationScoped
public class ProviderTemplates {

  /** The template of a trunk that names no provider. */
  public static final String GENERIC = "generic";

  static final String RESOURCE = "providers.json";

  private final Map<String, ProviderTemplate> templates;

  public ProviderTemplates() {
    this(load(RESOURCE));
  }

  /** A catalogue of the given templates, checked as the resource file is. */
  public ProviderTemplates(List<ProviderTemplate> list) {
    Map<String, ProviderTemplate> byId = new LinkedHashMap<>();
    for (ProviderTemplate t : list) {
      if (t.id() == null || t.id().isBlank() || t.name() == null || t.name().isBlank()) {
        throw new IllegalArgumentException("provider template without id or name: " + t);
      }
      if (byId.putIfAbsent(t.id(), t) != null) {
        throw new IllegalArgumentException("provider template id listed twice: " + t.id());
      }
    }
    if (!byId.containsKey(GENERIC)) {
      throw new IllegalArgumentException(
          "the provider catalogue has no '" + GENERIC + "' template");
    }
    this.templates = Collections.unmodifiableMap(byId);
  }

  /**
   * Reads a catalogue file from the class path; unknown fields are errors (a typo is no default).
   */
  static List<ProviderTemplate> load(String resource) {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = ProviderTemplates.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("provider catalogue " + resource + " is missing");
      }
      return List.of(mapper.readValue(in, ProviderTemplate[].class));
    } catch (IOException e) {
      throw new UncheckedIOException("provider catalogue " + resource + " is unreadable", e);
    }
  }

  public Collection<ProviderTemplate> all() {
    return templates.values();
  }

  public Optional<ProviderTemplate> find(String id) {
    return Optional.ofNullable(templates.get(id));
  }

  public ProviderTemplate generic() {
    return templates.get(GENERIC);
  }
}
