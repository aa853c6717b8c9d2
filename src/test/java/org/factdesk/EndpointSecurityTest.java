package org.factdesk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.factdesk.identity.Role;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Deny by default, proven per endpoint: every resource method declares who may call it, an anonymous call to a
 * protected endpoint gets 401, and a caller with a role outside the allowed set gets 403.
 */
@QuarkusTest
class EndpointSecurityTest {

    /** One HTTP operation found on a resource class. */
    record Endpoint(String method, String path, Method javaMethod) {
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "1");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> found = new ArrayList<>();
        for (JavaClass jc : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.factdesk")) {
            Class<?> type = jc.reflect();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = (classPath.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                found.add(new Endpoint(verb, path, m));
            }
        }
        return found;
    }

    static String verb(Method m) {
        if (m.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (m.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (m.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (m.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        if (m.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return null;
    }

    static RolesAllowed rolesAllowed(Method m) {
        RolesAllowed r = m.getAnnotation(RolesAllowed.class);
        return r != null ? r : m.getDeclaringClass().getAnnotation(RolesAllowed.class);
    }

    static boolean declares(Method m, Class<? extends java.lang.annotation.Annotation> a) {
        return m.isAnnotationPresent(a) || m.getDeclaringClass().isAnnotationPresent(a);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointDeclaresWhoMayCallIt() {
        List<Endpoint> all = endpoints();
        assertThat(all).hasSizeGreaterThan(15);
        return all.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> assertThat(
                rolesAllowed(e.javaMethod()) != null || declares(e.javaMethod(), PermitAll.class)
                        || declares(e.javaMethod(), Authenticated.class))
                .as("%s declares @RolesAllowed, @Authenticated or @PermitAll", e).isTrue()));
    }

    @TestFactory
    Stream<DynamicTest> anonymousCallsToProtectedEndpointsGet401() {
        return endpoints().stream().filter(e -> !declares(e.javaMethod(), PermitAll.class))
                .map(e -> DynamicTest.dynamicTest(e.toString(), () -> {
                    var response = given().contentType("application/json").body("{}")
                            .request(e.method(), e.concretePath());
                    assertThat(response.statusCode()).as("%s anonymous", e).isEqualTo(401);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                }));
    }

    @TestFactory
    Stream<DynamicTest> callersWithARoleOutsideTheAllowedSetGet403() {
        return endpoints().stream().filter(e -> rolesAllowed(e.javaMethod()) != null)
                .flatMap(e -> {
                    Set<Role> allowed = EnumSet.noneOf(Role.class);
                    Arrays.stream(rolesAllowed(e.javaMethod()).value()).map(Role::valueOf).forEach(allowed::add);
                    return EnumSet.complementOf(EnumSet.copyOf(allowed)).stream()
                            .map(role -> DynamicTest.dynamicTest(e + " as " + role, () -> {
                                var response = TestApi.user(role).spec().body("{}")
                                        .request(e.method(), e.concretePath());
                                assertThat(response.statusCode()).as("%s as %s", e, role).isEqualTo(403);
                                assertThat(response.contentType()).startsWith("application/problem+json");
                            }));
                });
    }
}
