package io.trunkline.config.concurrency;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A service of its own (fresh database and broker): the checks compare whole topics with the whole
 * database, so no other test's rows may be there.
 */
public class ConcurrencyProfile implements QuarkusTestProfile {}
