# frozen_string_literal: true

# Rewrites manifest.json from the SDK's code (tools/surface.rb): ruby tools/manifest.rb (or rake manifest)
$LOAD_PATH.unshift(File.expand_path("../lib", __dir__), __dir__)
require "surface"

File.write(File.expand_path("../manifest.json", __dir__), Payee::Surface.render)
puts "wrote manifest.json"
