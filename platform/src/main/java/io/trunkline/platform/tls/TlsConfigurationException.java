package io.trunkline.platform.tls;

/** A TLS setting that cannot be used; the message names the setting and why. */
public final class TlsConfigurationException extends RuntimeException {

  private final String setting;

  public TlsConfigurationException(String setting, String message, Throwable cause) {
    super(setting + ": " + message, cause);
    this.setting = setting;
  }

  public TlsConfigurationException(String setting, String message) {
    this(setting, message, null);
  }

  /** The {@link TlsSettings} component at fault, e.g. {@code keyStore}. */
  public String setting() {
    return setting;
  }
}
