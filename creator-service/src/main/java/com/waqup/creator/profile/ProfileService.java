package com.waqup.creator.profile;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creator profiles: one per creator (keyed by their user id), a display name unique case-insensitively. A new name
 * is announced in-process ({@link CreatorRenamed}) so published packs carry it in a new revision.
 */
@Service
public class ProfileService {

    static final int NAME_MIN = 2;
    static final int NAME_MAX = 60;
    static final int BIO_MAX = 2000;
    public static final int URL_MAX = 2000;
    static final int LINKS_MAX = 10;
    static final int LABEL_MAX = 40;

    private final ProfileRepository profiles;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProfileService(ProfileRepository profiles, ApplicationEventPublisher events, Clock clock) {
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
    }

    public record Link(String label, String url) {
    }

    /** The creator's own view. */
    public record Profile(UUID id, String displayName, String bio, String avatarUrl, List<Link> links, Instant createdAt,
            Instant updatedAt) {
    }

    /** What any signed-in person sees. */
    public record PublicProfile(UUID id, String displayName, String bio, String avatarUrl, List<Link> links,
            Instant createdAt) {
    }

    /** A creator's display name changed (published packs republish with it, in the same transaction). */
    public record CreatorRenamed(UUID creatorId, String displayName) {
    }

    static DomainException profileNotFound() {
        return DomainException.notFound("CREATOR_NOT_FOUND", "Creator profile not found");
    }

    @Transactional(readOnly = true)
    public Profile mine(UUID creatorId) {
        return profiles.find(creatorId).map(ProfileService::view).orElseThrow(ProfileService::profileNotFound);
    }

    @Transactional(readOnly = true)
    public PublicProfile publicView(UUID id) {
        return profiles.find(id).map(r -> new PublicProfile(r.id(), r.displayName(), r.bio(), r.avatarUrl(), r.links(),
                r.createdAt())).orElseThrow(ProfileService::profileNotFound);
    }

    /** The name packs are published under, if the creator has a profile. */
    @Transactional(readOnly = true)
    public Optional<String> displayName(UUID creatorId) {
        return profiles.find(creatorId).map(ProfileRepository.Row::displayName);
    }

    @Transactional
    public Profile save(UUID creatorId, String displayName, String bio, String avatarUrl, List<Link> links) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = displayName == null ? null : displayName.strip().replaceAll("\\s+", " ");
        if (name == null || name.length() < NAME_MIN || name.length() > NAME_MAX) {
            problems.put("display_name", "must be " + NAME_MIN + " to " + NAME_MAX + " characters");
        }
        String cleanBio = bio == null || bio.isBlank() ? null : bio.strip();
        if (cleanBio != null && cleanBio.length() > BIO_MAX) {
            problems.put("bio", "must be at most " + BIO_MAX + " characters");
        }
        String avatar = avatarUrl == null || avatarUrl.isBlank() ? null : avatarUrl.strip();
        if (avatar != null && !isWebUrl(avatar)) {
            problems.put("avatar_url", "must be an http(s) URL of at most " + URL_MAX + " characters");
        }
        List<Link> cleanLinks = links == null ? List.of() : links;
        if (cleanLinks.size() > LINKS_MAX) {
            problems.put("links", "must hold at most " + LINKS_MAX + " links");
        } else {
            for (int i = 0; i < cleanLinks.size(); i++) {
                Link link = cleanLinks.get(i);
                if (link == null || link.label() == null || link.label().isBlank() || link.label().strip().length() > LABEL_MAX) {
                    problems.put("links[" + i + "].label", "must be 1 to " + LABEL_MAX + " characters");
                }
                if (link == null || link.url() == null || !isWebUrl(link.url().strip())) {
                    problems.put("links[" + i + "].url", "must be an http(s) URL of at most " + URL_MAX + " characters");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalidFields(problems);
        }
        List<Link> stored = cleanLinks.stream().map(l -> new Link(l.label().strip(), l.url().strip())).toList();
        String key = name.toLowerCase(Locale.ROOT);
        if (profiles.nameTakenByOther(key, creatorId)) {
            throw nameTaken();
        }
        Optional<String> before = profiles.find(creatorId).map(ProfileRepository.Row::displayName);
        try {
            profiles.upsert(creatorId, name, key, cleanBio, avatar, stored, clock.instant());
        } catch (DuplicateKeyException e) {
            throw nameTaken();
        }
        if (before.isPresent() && !before.get().equals(name)) {
            events.publishEvent(new CreatorRenamed(creatorId, name));
        }
        return mine(creatorId);
    }

    private static DomainException nameTaken() {
        return DomainException.conflict("DISPLAY_NAME_TAKEN", "Another creator already uses this display name");
    }

    /** An absolute http(s) URL with a host, at most {@value #URL_MAX} characters (avatars, links, pack covers). */
    public static boolean isWebUrl(String value) {
        if (value.length() > URL_MAX) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Deletes the profile (erasure); returns the rows removed. */
    @Transactional
    public int delete(UUID creatorId) {
        return profiles.delete(creatorId);
    }

    /** The profile as exported to its owner, if any. */
    @Transactional(readOnly = true)
    public Optional<Profile> export(UUID creatorId) {
        return profiles.find(creatorId).map(ProfileService::view);
    }

    private static Profile view(ProfileRepository.Row r) {
        return new Profile(r.id(), r.displayName(), r.bio(), r.avatarUrl(), r.links(), r.createdAt(), r.updatedAt());
    }
}
