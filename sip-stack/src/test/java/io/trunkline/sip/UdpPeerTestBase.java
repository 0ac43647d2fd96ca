package io.trunkline.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh stack ({@link Fixture}) and a raw UDP peer for each test, both closed after it. */
abstract class UdpPeerTestBase {
  Fixture f;
  UdpPeer peer;

  @BeforeEach
  void startStackAndPeer() throws Exception {
    f = new Fixture();
    peer = new UdpPeer();
  }

  @AfterEach
  void closeStackAndPeer() throws Exception {
    peer.close();
    f.close();
  }
}
