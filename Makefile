# The two commands of the README, and a few conveniences. Everything real happens in CMake,
# packaging/install-deps.sh and tests/run.sh.
PRESET ?= release
BUILD_DIR := build/$(PRESET)

.PHONY: run test build deps format tidy clean

# Install what is missing, build, and open EDIS Studio on the embedded sandbox cluster.
run: build
	./$(BUILD_DIR)/ui/edis-studio

# Install what is missing, build, start the real services, run every test.
test:
	tests/run.sh

build: deps
	cmake --preset $(PRESET) >/dev/null
	cmake --build --preset $(PRESET)

deps:
	packaging/install-deps.sh

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

tidy: build
	git ls-files 'app/*.cpp' 'ui/*.cpp' 'widgets/*.cpp' | xargs clang-tidy -p $(BUILD_DIR) --quiet

clean:
	rm -rf build
