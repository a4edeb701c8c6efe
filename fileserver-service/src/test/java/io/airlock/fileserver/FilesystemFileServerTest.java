package io.airlock.fileserver;

import io.quarkus.test.junit.QuarkusTest;

/** The file server contract on the one-machine default: the filesystem store under the data directory. */
@QuarkusTest
class FilesystemFileServerTest extends FileServerContractTest {}
