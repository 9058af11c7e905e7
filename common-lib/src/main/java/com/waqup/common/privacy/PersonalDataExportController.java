package com.waqup.common.privacy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.security.InternalScope;
import com.waqup.common.security.ServiceGrants;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /internal/users/{userId}/export} (service token): this service's part of a person's export. */
@RestController
public class PersonalDataExportController {

    private final PersonalData personalData;
    private final String service;

    public PersonalDataExportController(PersonalData personalData, String service) {
        this.personalData = personalData;
        this.service = service;
    }

    @InternalScope(ServiceGrants.PERSONAL_DATA_EXPORT)
    @GetMapping("/internal/users/{userId}/export")
    public Map<String, Object> export(@PathVariable UUID userId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("user_id", userId);
        body.put("exported_at", Instant.now());
        body.put("data", personalData.export(userId));
        return body;
    }
}
