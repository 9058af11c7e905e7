package com.waqup.library.content;

import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.ApiException;
import com.waqup.common.error.ErrorCodes;

/** The library's client errors (the seed's envelope; someone else's resource is always a 404). */
public final class ContentErrors {

    private ContentErrors() {
    }

    public static ApiException contentNotFound(UUID id) {
        return ApiException.notFound("CONTENT_NOT_FOUND", "Content item " + id + " not found");
    }

    public static ApiException folderNotFound(UUID id) {
        return ApiException.notFound("FOLDER_NOT_FOUND", "Folder " + id + " not found");
    }

    public static ApiException invalid(String field, String problem) {
        return ApiException.badRequest(ErrorCodes.VALIDATION_FAILED, "The request has invalid fields",
                Map.of("fields", Map.of(field, problem)));
    }
}
