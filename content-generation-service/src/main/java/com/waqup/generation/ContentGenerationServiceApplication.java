package com.waqup.generation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Generation jobs: credit hold, script writing per content type, audio hand-off, credit capture or release. */
@SpringBootApplication
public class ContentGenerationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ContentGenerationServiceApplication.class, args);
    }
}
