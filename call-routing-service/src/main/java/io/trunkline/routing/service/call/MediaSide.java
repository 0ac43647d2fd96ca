package io.trunkline.routing.service.call;

/**
 * The two sides of a call's media, named by the dialog rather than by what is on them: the caller
 * sent the INVITE, the callee answers it. An outbound call has the PBX as caller and the trunk as
 * callee; an inbound call the other way round. Which side is the trunk decides the encryption.
 */
public enum MediaSide {
  CALLER,
  CALLEE;

  /** The side across the relay. */
  public MediaSide other() {
    return this == CALLER ? CALLEE : CALLER;
  }
}
