package com.waqup.conversation;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class ConversationServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "conversation";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }

    @Override
    protected Set<String> degradingDependencies() {
        return Set.of("rabbit", "redis");
    }
}
