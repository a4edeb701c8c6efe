package io.airlock.falco;

import static io.airlock.falco.TestDrivers.EM_X86_64;
import static io.airlock.falco.TestDrivers.admin;
import static io.airlock.falco.TestDrivers.anon;
import static io.airlock.falco.TestDrivers.elf;
import static io.airlock.falco.TestDrivers.uniqueVersion;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlock.falco.client.FalcoCoverageClient;
import io.airlock.falco.client.KernelCoverage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kernel coverage through HTTP: the exact files each node's loader will request, present or missing. */
@QuarkusTest
class CoverageApiTest {
    String version;

    @BeforeEach
    void unique() {
        version = uniqueVersion();
    }

    static byte[] sample() throws IOException {
        try (InputStream in = CoverageApiTest.class.getResourceAsStream("/samples/kubectl-nodes-mixed.json")) {
            return in.readAllBytes();
        }
    }

    void host(String arch, String file) {
        admin().body(elf(arch.equals("x86_64") ? EM_X86_64 : TestDrivers.EM_AARCH64, 100, 1))
                .put("/api/v1/drivers/" + version.replace("+", "%2B") + "/" + arch + "/" + file)
                .then()
                .statusCode(201);
    }

    JsonPath declare(byte[] doc, String query) {
        return admin().contentType("application/json")
                .body(doc)
                .post("/api/v1/coverage" + query)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
    }

    JsonPath declareForVersion(byte[] doc) {
        return declare(doc, "?driverVersion=" + version.replace("+", "%2B"));
    }

    @Test
    void theReportNamesExactlyTheMissingDriversOfAMixedUbuntuAndDebianCluster() throws IOException {
        host("x86_64", "falco_ubuntu-generic_6.8.0-79-generic_79.ko");
        host("x86_64", "falco_debian_6.1.76-1-cloud-amd64_1.ko");
        host("x86_64", "falco_debian_5.10.209-2-amd64_1.ko");

        JsonPath report = declareForVersion(sample());

        String dir = version + "/x86_64/";
        assertEquals(
                List.of(
                        version + "/aarch64/falco_ubuntu-azure_6.5.0-1017-azure_1017.ko",
                        dir + "falco_debian_6.1.76-1-amd64_1.ko",
                        dir + "falco_ubuntu-aws_5.15.0-1050-aws_1050.ko"),
                report.getList("missing"));
        assertEquals(List.of("wk-debian-11"), report.getList("unresolved"));
        assertEquals(List.of(version), report.getList("driverVersions"));
        assertEquals(6, report.getInt("summary[0].nodes"));
        assertEquals(2, report.getInt("summary[0].present"));
        assertEquals(4, report.getInt("summary[0].withoutDriver"));

        assertNode(
                report,
                "wk-ubuntu-1",
                "ubuntu-generic",
                "GUESSED",
                "PRESENT",
                dir + "falco_ubuntu-generic_6.8.0-79-generic_79.ko");
        assertNode(
                report,
                "wk-ubuntu-2",
                "ubuntu-aws",
                "GUESSED",
                "MISSING",
                dir + "falco_ubuntu-aws_5.15.0-1050-aws_1050.ko");
        assertNode(report, "wk-debian-1", "debian", "DERIVED", "MISSING", dir + "falco_debian_6.1.76-1-amd64_1.ko");
        assertNode(
                report,
                "wk-debian-cloud",
                "debian",
                "DERIVED",
                "PRESENT",
                dir + "falco_debian_6.1.76-1-cloud-amd64_1.ko");
        String url = report.getString("nodes.find { it.name == 'wk-ubuntu-2' }.drivers[0].url");
        assertEquals("/" + version.replace("+", "%2B") + "/x86_64/falco_ubuntu-aws_5.15.0-1050-aws_1050.ko", url);

        // Debian 11 without uname -v: the package version is unknown; the hosted 5.10 driver is offered as a candidate
        String unresolved = "nodes.find { it.name == 'wk-debian-11' }.drivers[0]";
        assertEquals("UNRESOLVED", report.getString(unresolved + ".status"));
        assertEquals(List.of(dir + "falco_debian_5.10.209-2-amd64_1.ko"), report.getList(unresolved + ".candidates"));
        assertTrue(report.getString(unresolved + ".reason").contains("uname -v"));
    }

    static void assertNode(JsonPath report, String name, String target, String source, String status, String path) {
        String node = "nodes.find { it.name == '" + name + "' }";
        assertEquals(target, report.getString(node + ".targetId"), name);
        assertEquals(source, report.getString(node + ".kernelVersionSource"), name);
        assertEquals(status, report.getString(node + ".drivers[0].status"), name);
        assertEquals(path, report.getString(node + ".drivers[0].path"), name);
    }

    @Test
    void theLastDeclaredSetIsReportedAgainstWhatIsHostedNow() throws IOException {
        declareForVersion(sample());
        String q = "?driverVersion=" + version.replace("+", "%2B");
        anon().get("/api/v1/coverage" + q).then().statusCode(200).body("missing.size()", equalTo(5));
        host("x86_64", "falco_ubuntu-aws_5.15.0-1050-aws_1050.ko");
        anon().get("/api/v1/coverage" + q)
                .then()
                .statusCode(200)
                .body("missing.size()", equalTo(4))
                .body("nodes.find { it.name == 'wk-ubuntu-2' }.drivers[0].status", equalTo("PRESENT"));
    }

    /** The catalog reads this report through libs/falco-client: what the client parses is what the service wrote. */
    @Test
    void theCatalogsClientReadsTheReportAsServed() throws IOException {
        host("x86_64", "falco_ubuntu-generic_6.8.0-79-generic_79.ko");
        declareForVersion(sample());
        JsonPath served =
                anon().get("/api/v1/coverage").then().statusCode(200).extract().jsonPath();

        FalcoCoverageClient.Answer answer = new FalcoCoverageClient(new FalcoCoverageClient.Settings(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/"),
                        "admin",
                        TestDrivers.PASSWORD,
                        java.time.Duration.ofSeconds(10)))
                .coverage();
        KernelCoverage read = ((FalcoCoverageClient.Answer.Report) answer).coverage();
        assertEquals(served.getList("missing"), read.missing());
        assertEquals(served.getList("unresolved"), read.unresolved());
        assertEquals(served.getList("driverVersions"), read.driverVersions());
        assertEquals(6, read.nodes().size());
        KernelCoverage.NodeCoverage ubuntu = read.nodes().stream()
                .filter(n -> n.name().equals("wk-ubuntu-1"))
                .findFirst()
                .orElseThrow();
        KernelCoverage.DriverStatus status = ubuntu.drivers().stream()
                .filter(d -> d.driverVersion().equals(version))
                .findFirst()
                .orElseThrow();
        assertEquals(KernelCoverage.Status.PRESENT, status.status());
        assertEquals(version + "/x86_64/falco_ubuntu-generic_6.8.0-79-generic_79.ko", status.path());
    }

    @Test
    void metricsCountNodesWithoutADriverPerDriverVersion() throws IOException {
        host("x86_64", "falco_ubuntu-generic_6.8.0-79-generic_79.ko");
        host("x86_64", "falco_debian_6.1.76-1-cloud-amd64_1.ko");
        declare(sample(), "");
        String metrics =
                anon().get("/q/metrics").then().statusCode(200).extract().asString();
        String tag = "{driver_version=\"" + version + "\"}";
        assertTrue(metrics.contains("airlock_falco_driver_missing_nodes" + tag + " 4.0"), metrics);
        assertTrue(metrics.contains("airlock_falco_driver_coverage_ratio" + tag + " 0.333"), metrics);
        assertTrue(metrics.contains("airlock_falco_declared_nodes 6.0"), metrics);
    }

    @Test
    void theListFormTakesUnameVAndCoversOtherDistributions() {
        host("x86_64", "falco_debian_5.10.209-2-amd64_1.ko");
        String list =
                """
                {"nodes": [
                  {"name": "hwe", "kernelRelease": "6.5.0-27-generic", "osImage": "Ubuntu 22.04.4 LTS", "arch": "amd64",
                   "kernelVersion": "#28~22.04.1-Ubuntu SMP PREEMPT_DYNAMIC Fri Mar 15 10:51:06 UTC 2"},
                  {"name": "deb11", "kernelRelease": "5.10.0-28-amd64", "osImage": "Debian GNU/Linux 11 (bullseye)",
                   "arch": "x86_64", "kernelVersion": "#1 SMP Debian 5.10.209-2 (2024-01-31)"},
                  {"name": "al2", "kernelRelease": "5.10.205-195.807.amzn2.x86_64", "osImage": "Amazon Linux 2",
                   "arch": "amd64"},
                  {"name": "al2023", "kernelRelease": "6.1.79-99.164.amzn2023.x86_64", "osImage": "Amazon Linux 2023.3.20240304",
                   "arch": "amd64", "kernelVersion": "#1 SMP PREEMPT_DYNAMIC Wed Mar  6 19:35:20 UTC 2024"},
                  {"name": "fc", "kernelRelease": "6.1.77-flatcar", "osImage": "Flatcar Container Linux by Kinvolk 3815.2.0 (Oklo)",
                   "arch": "amd64"},
                  {"name": "br", "kernelRelease": "5.15.148", "osImage": "Bottlerocket OS 1.19.2 (aws-k8s-1.29)", "arch": "amd64"},
                  {"name": "cos", "kernelRelease": "6.1.75+", "osImage": "Container-Optimized OS from Google", "arch": "amd64"},
                  {"name": "c7", "kernelRelease": "3.10.0-1160.el7.x86_64", "osImage": "CentOS Linux 7 (Core)", "arch": "amd64"},
                  {"name": "odd", "kernelRelease": "6.6.1", "osImage": "Plan 9 from Bell Labs", "arch": "amd64"},
                  {"name": "custom", "kernelRelease": "6.6.1", "targetId": "arch", "arch": "amd64", "kernelVersion": "3"}
                ]}
                """;
        JsonPath r = declareForVersion(list.getBytes());
        String dir = version + "/x86_64/";
        assertEquals(
                List.of(
                        dir + "falco_amazonlinux2023_6.1.79-99.164.amzn2023.x86_64_1.ko",
                        dir + "falco_amazonlinux2_5.10.205-195.807.amzn2.x86_64_1.ko",
                        dir + "falco_arch_6.6.1_3.ko",
                        dir + "falco_bottlerocket_5.15.148_1_1.19.2-aws.ko",
                        dir + "falco_centos_3.10.0-1160.el7.x86_64_1.ko",
                        dir + "falco_cos_6.1.75+_1.ko",
                        dir + "falco_flatcar_3815.2.0_1.ko",
                        dir + "falco_ubuntu-generic_6.5.0-27-generic_28~22.04.1.ko"),
                r.getList("missing"));
        assertEquals(List.of("odd"), r.getList("unresolved"));
        assertEquals("PRESENT", r.getString("nodes.find { it.name == 'deb11' }.drivers[0].status"));
        assertEquals("GIVEN", r.getString("nodes.find { it.name == 'hwe' }.kernelVersionSource"));
        assertEquals("GUESSED", r.getString("nodes.find { it.name == 'al2' }.kernelVersionSource"));
    }

    @Test
    void anEbpfReportAsksForProbes() {
        String one =
                """
                [{"name": "n", "kernelRelease": "5.4.0-150-generic", "osImage": "Ubuntu 20.04.6 LTS", "arch": "amd64"}]
                """;
        declare(one.getBytes(), "?kind=ebpf&driverVersion=" + version.replace("+", "%2B"));
        anon().get("/api/v1/coverage?kind=ebpf&driverVersion=" + version.replace("+", "%2B"))
                .then()
                .statusCode(200)
                .body("missing", hasItem(version + "/x86_64/falco_ubuntu-generic_5.4.0-150-generic_150.o"));
    }

    @Test
    void badNodeDocumentsAreRefused() {
        String[] bad = {
            "not json at all",
            "{\"kind\": \"Pod\"}",
            "{\"items\": 3}",
            "{\"items\": [{\"metadata\": {\"name\": \"a\"}, \"status\": {\"nodeInfo\": {\"osImage\": \"Ubuntu\","
                    + " \"architecture\": \"amd64\"}}}]}",
            "[{\"kernelRelease\": \"6.8.0-79-generic\", \"osImage\": \"Ubuntu 24.04\", \"arch\": \"s390x\"}]",
            "[{\"kernelRelease\": \"6.8.0-79-generic\", \"arch\": \"amd64\"}]",
            "[42]",
            "42",
        };
        for (String doc : bad) {
            admin().contentType("application/json")
                    .body(doc.getBytes())
                    .post("/api/v1/coverage")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400));
        }
        admin().body(new byte[0]).post("/api/v1/coverage").then().statusCode(400);
        admin().contentType("application/json")
                .body("[]".getBytes())
                .post("/api/v1/coverage?driverVersion=latest")
                .then()
                .statusCode(400)
                .body("detail", containsString("driver version"));
        admin().contentType("application/json")
                .body("[]".getBytes())
                .post("/api/v1/coverage?kind=dkms")
                .then()
                .statusCode(400)
                .body("detail", containsString("kind"));
    }

    @Test
    void declaringNodesNeedsTheAdminCredential() throws IOException {
        anon().contentType("application/json")
                .body(sample())
                .post("/api/v1/coverage")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
