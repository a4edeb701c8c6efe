package io.airlock.catalog.data;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Kubernetes node as {@code kubectl get nodes} reported it: its kernel needs a Falco driver. */
@Entity
@Table(name = "cluster_node")
public class ClusterNode extends PanacheEntityBase {
    @Id
    public String name;

    /** {@code status.nodeInfo.kernelVersion}, which is {@code uname -r}: e.g. {@code 6.8.0-79-generic}. */
    @Column(name = "kernel_release", nullable = false)
    public String kernelRelease;

    /** {@code status.nodeInfo.architecture}: {@code amd64}, {@code arm64}. */
    @Column(nullable = false)
    public String architecture;

    @Column(name = "os_image")
    public String osImage;

    @Column(name = "kubelet_version")
    public String kubeletVersion;

    @Column(name = "container_runtime")
    public String containerRuntime;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;
}
