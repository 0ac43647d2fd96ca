package io.trunkline.sip;

/**
 * The one object a transaction carries for its user (the B2BUA's call, say), for both kinds of
 * transaction; dropped when the transaction ends so that a finished call is not kept alive by it.
 */
abstract class TransactionAttachment {

  private Object attachment;

  public Object attachment() {
    return attachment;
  }

  public void attach(Object o) {
    attachment = o;
  }

  final void dropAttachment() {
    attachment = null;
  }
}
