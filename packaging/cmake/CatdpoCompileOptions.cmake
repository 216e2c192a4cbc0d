# SPDX-License-Identifier: MIT
# Warning flags and sanitizers, applied per target through catdpo_target_defaults() so that
# third-party headers (LibTorch, Qt) stay out of -Werror-style noise.

function(catdpo_target_defaults target)
  if(CATDPO_WARNINGS)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter
                                             -Wnon-virtual-dtor -Wimplicit-fallthrough)
  endif()
  if(ENABLE_ASAN)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

if(ENABLE_ASAN)
  # Executables and shared objects must all agree on the sanitizer runtime.
  add_link_options(-fsanitize=address,undefined)
endif()
