package com.waqup.library.content;

import java.util.UUID;

import com.waqup.common.error.DomainException;

/** The library's client errors (the seed's envelope; someone else's resource is always a 404). */
public final class ContentErrors {

    private ContentErrors() {
    }

    public static DomainException contentNotFound(UUID id) {
        return DomainException.notFound("CONTENT_NOT_FOUND", "Content item " + id + " not found");
    }

    public static DomainException folderNotFound(UUID id) {
        return DomainException.notFound("FOLDER_NOT_FOUND", "Folder " + id + " not found");
    }

    public static DomainException invalid(String field, String problem) {
        return DomainException.invalidField(field, problem);
    }
}
