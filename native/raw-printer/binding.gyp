# Build: `npm run build:native` at the repository root (node-gyp rebuild in this folder).
# Linux needs libcups2-dev; macOS has libcups in its SDK; Windows links winspool (in every Windows SDK).
{
  "targets": [
    {
      "target_name": "raw_printer",
      "sources": ["src/addon.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      # Node-API 8 is in Node 20 and in every Electron Dockside supports, so one build loads in both.
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "conditions": [
        ["OS=='linux' or OS=='mac'", {
          "sources": ["src/spooler_cups.cc"],
          "libraries": ["-lcups"]
        }],
        ["OS=='mac'", {
          "xcode_settings": {
            "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
            "MACOSX_DEPLOYMENT_TARGET": "10.15",
            # libcups' C API is marked deprecated in the macOS SDK but remains the way to reach the spooler.
            "WARNING_CFLAGS": ["-Wno-deprecated-declarations"]
          }
        }],
        ["OS=='win'", {
          "sources": ["src/spooler_win.cc"],
          "defines": ["UNICODE", "_UNICODE", "WIN32_LEAN_AND_MEAN"],
          "libraries": ["winspool.lib"]
        }]
      ]
    }
  ]
}
