package io.trunkline.registration.domain;

/** Opens the SIP links the state machines talk to providers through. */
public interface ProviderLinks {

  /** A new registration link (its own Call-ID) reporting to {@code listener}. */
  RegistrarLink registrar(RegistrarLink.Listener listener);

  /** A new OPTIONS link (its own Call-ID) reporting to {@code listener}. */
  ProbeLink probe(ProbeLink.Listener listener);
}
