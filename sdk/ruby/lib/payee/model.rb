# frozen_string_literal: true

module Payee
  # Enumerated values: a module with a constant per value and ALL.
  module Enum
    def self.define(*values)
      Module.new do
        values.each { |v| const_set(v.upcase.tr(".", "_"), v.freeze) }
        const_set(:ALL, values.map(&:freeze).freeze)
      end
    end
  end

  # A model of the API (docs/openapi.json): snake_case readers, camelCase on the wire, frozen.
  # Dates stay ISO 8601 strings as the API sends them. Fields a newer API adds are ignored, and
  # enum values it adds are kept as strings, so an older SDK keeps working.
  class Model
    # One field: its reader, its wire name, its type (String, Integer, Hash, Object, a model class,
    # or [Item] for a list), its enum (a Payee::Enum module) and whether it is required.
    # +nullable+: null is a value of the API's (sent and read as null), apart from an absent field.
    Field = Struct.new(:name, :wire, :type, :enum, :required, :nullable, :ivar, keyword_init: true)

    class << self
      def fields
        @fields ||= []
      end

      def field(name, type = String, required: false, enum: nil, nullable: false)
        wire = name.to_s.gsub(/_([a-z])/) { Regexp.last_match(1).upcase }
        fields << Field.new(name: name, wire: wire, type: type, enum: enum, required: required, nullable: nullable, ivar: :"@#{name}")
        attr_reader name
      end

      # The model from decoded JSON (string keys as on the wire): an answer of the API, read on
      # every call, so its values are taken as they came (frozen by the JSON parser), only its
      # required fields, nested models and lists checked.
      def from_h(hash, path = "")
        raise ArgumentError, "payee: #{path.empty? ? name : path.chomp('.')} must be an object" unless hash.is_a?(Hash)

        model = allocate
        nulls = []
        fields.each do |f|
          value = hash[f.wire]
          if value.nil? && f.nullable && hash.key?(f.wire)
            nulls << f.name
          elsif value.nil? && f.required
            raise ArgumentError, "payee: #{path}#{f.wire} is required"
          end
          model.instance_variable_set(f.ivar, value.nil? ? nil : decode(value, f.type, f.wire, path))
        end
        model.instance_variable_set(:@__nulls, nulls.freeze)
        model.freeze
      end

      def decode(value, type, wire, path)
        if type.is_a?(Array)
          raise ArgumentError, "payee: #{path}#{wire} must be a list" unless value.is_a?(Array)

          value.map { |item| decode(item, type.first, "#{wire}[]", path) }.freeze
        elsif type.is_a?(Class) && type < Model then type.from_h(value, "#{path}#{wire}.")
        else value
        end
      end

      # A nested Hash's keys as keywords: snake_case or as on the wire (+clientIp+), symbols or strings.
      def keywords(hash)
        hash.to_h { |k, v| [fields.find { |f| f.wire == k.to_s }&.name || k.to_sym, v] }
      end

      # A request checks its enum values before anything is sent; an answer keeps what it got.
      def strict?
        false
      end
    end

    def initialize(__path: "", **values)
      unknown = values.keys - self.class.fields.map(&:name)
      raise ArgumentError, "payee: unknown parameter #{unknown.join(', ')} of #{self.class.name}" unless unknown.empty?

      nulls = []
      self.class.fields.each do |f|
        value = values[f.name]
        if value.nil? && f.nullable && values.key?(f.name)
          nulls << f.name
        elsif value.nil? && f.required
          raise ArgumentError, "payee: #{__path}#{f.wire} is required"
        end
        instance_variable_set(f.ivar, value.nil? ? nil : coerce(value, f.type, f.enum, "#{__path}#{f.wire}"))
      end
      @__nulls = nulls.freeze
      freeze
    end

    # The model as the API's JSON has it: absent fields left out.
    def to_h
      self.class.fields.each_with_object({}) do |f, out|
        value = public_send(f.name)
        if !value.nil? then out[f.wire] = export(value)
        elsif @__nulls.include?(f.name) then out[f.wire] = nil
        end
      end
    end

    def to_json(*args)
      to_h.to_json(*args)
    end

    def ==(other)
      other.class == self.class && other.to_h == to_h
    end
    alias eql? ==

    def hash
      to_h.hash
    end

    def inspect
      "#<#{self.class.name} #{to_h.map { |k, v| "#{k}=#{v.inspect}" }.join(' ')}>"
    end

    private

    def coerce(value, type, enum, path)
      if type.is_a?(Array)
        raise ArgumentError, "payee: #{path} must be an Array" unless value.is_a?(Array)

        return value.map { |item| coerce(item, type.first, enum, "#{path}[]") }.freeze
      end
      if type.is_a?(Class) && type < Model
        return value if value.is_a?(type)
        return type.new(__path: "#{path}.", **type.keywords(value)) if value.is_a?(Hash)

        raise ArgumentError, "payee: #{path} must be a #{type.name} or a Hash"
      end
      value = value.to_s if enum && value.is_a?(Symbol)
      unless type == Object || value.is_a?(type)
        raise ArgumentError, "payee: #{path} must be #{type.name}, not #{value.class.name}"
      end
      if enum && self.class.strict? && !enum::ALL.include?(value)
        raise ArgumentError, "payee: #{path} is not one of #{enum::ALL.join(', ')}: #{value}"
      end

      value.frozen? ? value : value.dup.freeze
    end

    def export(value)
      case value
      when Model then value.to_h
      when Array then value.map { |v| export(v) }
      else value
      end
    end
  end

  # A request body: keyword arguments with the API's fields in snake_case.
  class Request < Model
    def self.strict?
      true
    end
  end
end
