package io.dataflow.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Data Flow Platform server: the engine of this node and the HTTP APIs over it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DataflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(DataflowApplication.class, args);
    }
}
