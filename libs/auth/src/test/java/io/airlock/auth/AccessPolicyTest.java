package io.airlock.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.lang.reflect.Proxy;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final SecurityIdentity ANONYMOUS =
            QuarkusSecurityIdentity.builder().setAnonymous(true).build();
    private static final SecurityIdentity ADMIN = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("root"))
            .addRole(Credentials.ADMIN_ROLE)
            .build();
    private static final SecurityIdentity NO_ROLE = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("someone"))
            .build();
    /** What lazy authentication hands a resource when the request carried a wrong password. */
    private static final SecurityIdentity WRONG_PASSWORD = (SecurityIdentity) Proxy.newProxyInstance(
            AccessPolicyTest.class.getClassLoader(), new Class<?>[] {SecurityIdentity.class}, (p, m, a) -> {
                throw new AuthenticationFailedException("wrong user name or password");
            });

    private static AccessPolicy policy(boolean anonymousRead) {
        return new AccessPolicy(() -> anonymousRead);
    }

    @Test
    void anonymousReadsFollowTheSetting() {
        assertEquals(AccessDecision.Allowed.ANONYMOUS, policy(true).decideRead(ANONYMOUS));
        assertTrue(AccessDecision.Allowed.ANONYMOUS.anonymous());
        AccessDecision closed = policy(false).decideRead(ANONYMOUS);
        assertInstanceOf(AccessDecision.NeedsCredentials.class, closed);
        assertEquals(401, closed.status());
        assertTrue(closed.challenges());
    }

    @Test
    void writesNeedTheAdminRole() {
        assertEquals(new AccessDecision.Allowed("root"), policy(true).decideWrite(ADMIN));
        assertEquals(false, policy(true).decideWrite(ADMIN) instanceof AccessDecision.Allowed a && a.anonymous());
        assertInstanceOf(AccessDecision.NeedsCredentials.class, policy(true).decideWrite(ANONYMOUS));
        AccessDecision forbidden = policy(true).decideWrite(NO_ROLE);
        assertInstanceOf(AccessDecision.Forbidden.class, forbidden);
        assertEquals(403, forbidden.status());
        assertEquals(false, forbidden.challenges());
    }

    @Test
    void aWrongPasswordIsRefusedEvenWhereAnonymousWouldPass() {
        AccessDecision read = policy(true).decideRead(WRONG_PASSWORD);
        assertInstanceOf(AccessDecision.WrongCredentials.class, read);
        assertEquals(401, read.status());
        assertInstanceOf(AccessDecision.WrongCredentials.class, policy(true).decideWrite(WRONG_PASSWORD));
    }

    @Test
    void challengesAreWrittenOnce() {
        assertEquals("Basic realm=\"airlock\", charset=\"UTF-8\"", Challenges.BASIC);
        assertEquals(
                "Bearer realm=\"http://r.example:8082/v2/token\",service=\"airlock\"",
                Challenges.bearer(URI.create("http://r.example:8082/v2/token"), "airlock"));
    }
}
