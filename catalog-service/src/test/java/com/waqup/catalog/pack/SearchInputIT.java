package com.waqup.catalog.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.waqup.catalog.CatalogITSupport;
import com.waqup.common.test.Http;
import org.junit.jupiter.api.Test;

/** Bad input to the catalog's reads: a 400 envelope naming the field, never a 500. */
class SearchInputIT extends CatalogITSupport {

    static final UUID READER = UUID.randomUUID();

    @Test
    void shouldRefuseBadSearchParametersWithAnEnvelopeNamingTheField() {
        String[][] cases = {
            { "price_type=gift", "price_type" },
            { "price_type=FREE", "price_type" },
            { "page=0", "page" },
            { "page=-1", "page" },
            { "limit=0", "limit" },
            { "limit=1000", "limit" },
            { "limit=abc", "limit" },
            { "page=101&limit=100", "page" },
            { "creator_id=not-a-uuid", "creator_id" },
            { "search=" + "a".repeat(201), "search" },
            { "tags=" + "t".repeat(51), "tags" },
            { "tags=a,b,c,d,e,f,g,h,i,j,k", "tags" },
        };
        for (String[] c : cases) {
            Http.Response response = get("/api/v1/catalog/packs?" + c[0], READER);
            assertThat(response.status()).as(c[0]).isEqualTo(400);
            assertThat(response.json().path("error").path("code").asString()).as(c[0]).isNotBlank();
            assertThat(response.body()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void shouldRefuseAMalformedPackIdAndAnswer404ForAnUnknownOne() {
        assertThat(get("/api/v1/catalog/packs/not-a-uuid", READER).status()).isEqualTo(400);
        assertThat(get("/api/v1/catalog/packs/" + UUID.randomUUID() + "/reviews", READER).status()).isEqualTo(404);
    }

    @Test
    void shouldRequireASignedInPerson() {
        Http.Response response = Http.get(url("/api/v1/catalog/packs"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").path("code").asString()).isNotBlank();
    }
}
