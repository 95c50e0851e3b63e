# frozen_string_literal: true

require "test_helper"
require "surface"

# manifest.json is what the code has (the contract check compares the file with docs/openapi.json).
class ManifestTest < Minitest::Test
  ROOT = File.expand_path("..", __dir__)

  def test_the_manifest_is_true_of_the_code
    assert_equal Payee::Surface.render, File.read(File.join(ROOT, "manifest.json")), "stale: run ruby tools/manifest.rb"
  end

  def test_the_api_version_is_the_documents
    document = JSON.parse(File.read(File.join(ROOT, "../../docs/openapi.json")))
    assert_equal document["info"]["version"], Payee::API_VERSION
  end

  def test_the_gemspec_and_the_adapter_agree_with_the_manifest
    spec = Gem::Specification.load(File.join(ROOT, "payee.gemspec"))
    assert_equal ["payee", Payee::VERSION, Gem::Requirement.new(">= 3.1")], [spec.name, spec.version.to_s, spec.required_ruby_version]
    assert_empty spec.runtime_dependencies, "net/http and json only"
    assert File.exist?(File.join(ROOT, Payee::Surface.manifest["adapter"]["command"][1]))
  end
end
