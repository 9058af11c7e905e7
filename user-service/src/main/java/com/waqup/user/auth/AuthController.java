package com.waqup.user.auth;

import java.util.UUID;

import com.waqup.common.security.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed's Authentication APIs, plus logout. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AuthService auth;
    private final ClientIp clients;

    AuthController(AuthService auth, ClientIp clients) {
        this.auth = auth;
        this.clients = clients;
    }

    record Credentials(@NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 10, max = 128, message = "must be between 10 and 128 characters") String password) {

        Credentials {
            email = email == null ? null : email.trim();
        }

        @Override
        public String toString() {
            return "Credentials[email=" + email + "]"; // never the password
        }
    }

    record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {

        LoginRequest {
            email = email == null ? null : email.trim();
        }

        @Override
        public String toString() {
            return "LoginRequest[email=" + email + "]";
        }
    }

    record UserSummary(UUID id, String email) {
    }

    record AuthResponse(String token, String refreshToken, UserSummary user) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    record RefreshResponse(String token, String refreshToken) {
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    AuthResponse register(@Valid @RequestBody Credentials body) {
        return response(auth.register(body.email(), body.password()));
    }

    @PostMapping("/login")
    AuthResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        return response(auth.login(body.email(), body.password(), clients.of(request)));
    }

    @PostMapping("/refresh")
    RefreshResponse refresh(@Valid @RequestBody RefreshRequest body) {
        AuthService.Rotated rotated = auth.refresh(body.refreshToken());
        return new RefreshResponse(rotated.accessToken(), rotated.refreshToken());
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(AuthenticatedUser user, @Valid @RequestBody RefreshRequest body) {
        auth.logout(user.id(), body.refreshToken());
        return ResponseEntity.noContent().build();
    }

    private static AuthResponse response(AuthService.Session session) {
        return new AuthResponse(session.accessToken(), session.refreshToken(),
                new UserSummary(session.account().id(), session.account().email()));
    }
}
