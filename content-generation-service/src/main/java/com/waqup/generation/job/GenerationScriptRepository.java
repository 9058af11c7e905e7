package com.waqup.generation.job;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface GenerationScriptRepository extends JpaRepository<GenerationScript, UUID> {
}
