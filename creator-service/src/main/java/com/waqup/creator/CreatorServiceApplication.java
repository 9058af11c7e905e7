package com.waqup.creator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Creator profiles, packs (draft, published, archived), pack contents, creator analytics. */
@SpringBootApplication
public class CreatorServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CreatorServiceApplication.class, args);
    }
}
