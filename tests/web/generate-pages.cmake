# Generates afresh the docs pages that the lint and browser tests read: every spec given, its
# Markdown page once more with --front-matter, and the trendtrack spec once more through the
# documented --templates example.
# cmake -DERRSPEC=<binary> -DSOURCE_DIR=<repository> -DOUT=<folder> "-DSPECS=<spec;...>" -P generate-pages.cmake
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${ERRSPEC}" generate ${SPECS} -o "${OUT}" --target markdown,html
                COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${ERRSPEC}" generate ${SPECS} -o "${OUT}/front-matter" --target markdown --front-matter
                COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${ERRSPEC}" generate "${SOURCE_DIR}/spec/trendtrack.yaml" -o "${OUT}/custom-templates"
                        --target markdown,html --templates "${SOURCE_DIR}/examples/docs-templates"
                COMMAND_ERROR_IS_FATAL ANY)
