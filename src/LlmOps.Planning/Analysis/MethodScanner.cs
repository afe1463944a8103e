using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LlmOps.Planning;

/// <summary>
/// Reads one method's IL into a <see cref="NodeScan"/>. Operands are written by name (normalized by
/// <see cref="CodeNames"/>), branch targets and locals by index, strings and numbers by value; what does not affect
/// behaviour (line numbers, comments, metadata tokens, the compiler's ordinals) never enters. User methods it calls
/// are slots whose hashes the <see cref="CodeGraph"/> fills in, so a lambda is known by what it does, not its name.
/// </summary>
internal sealed class MethodScanner(UserCode code, TypeKinds kinds, TypeUses types, ParameterReads parameters, DispatchIndex dispatch, FieldWriters writers)
{
    /// <summary>Scans <paramref name="method"/>.</summary>
    public NodeScan Scan(MethodDefinition method)
    {
        var scan = new NodeScanBuilder();
        var text = scan.Text;
        text.Append("method ").Append(CodeNames.Method(method)).Append(' ').Append((int)method.Attributes).Append(' ').Append((int)method.ImplAttributes);
        TypeShapeScanner.AppendAttributes(text, method);
        if (method.IsPInvokeImpl && method.PInvokeInfo is { } native)
        {
            text.Append(" pinvoke ").Append(native.Module?.Name).Append('!').Append(native.EntryPoint);
        }

        if (!method.HasBody)
        {
            return scan.Build();
        }

        var body = method.Body;
        text.Append("\nlocals").Append(body.InitLocals ? " init" : "");
        foreach (var local in body.Variables)
        {
            text.Append(' ').Append(CodeNames.Type(local.VariableType));
        }

        var index = new Dictionary<Instruction, int>();
        for (var i = 0; i < body.Instructions.Count; i++)
        {
            index[body.Instructions[i]] = i;
        }

        foreach (var instruction in body.Instructions)
        {
            text.Append('\n').Append(instruction.OpCode.Name);
            Operand(scan, method, instruction, index);
        }

        foreach (var handler in body.ExceptionHandlers)
        {
            text.Append("\nhandler ").Append(handler.HandlerType)
                .Append(" try ").Append(Index(index, handler.TryStart)).Append('-').Append(Index(index, handler.TryEnd))
                .Append(" handler ").Append(Index(index, handler.HandlerStart)).Append('-').Append(Index(index, handler.HandlerEnd))
                .Append(" filter ").Append(Index(index, handler.FilterStart))
                .Append(" catch ").Append(handler.CatchType is { } caught ? CodeNames.Type(caught) : "");
            if (handler.CatchType is { } catchType)
            {
                types.Use(scan, catchType);
            }
        }

        return scan.Build();
    }

    private static int Index(Dictionary<Instruction, int> index, Instruction? instruction) =>
        instruction is null ? -1 : index.GetValueOrDefault(instruction, -1);

    private void Operand(NodeScanBuilder scan, MethodDefinition method, Instruction instruction, Dictionary<Instruction, int> index)
    {
        var text = scan.Text;
        switch (instruction.Operand)
        {
            case null:
                break;
            case Instruction target:
                text.Append(" L").Append(Index(index, target));
                break;
            case Instruction[] targets:
                text.Append(' ').AppendJoin(',', targets.Select(t => "L" + Index(index, t)));
                break;
            case VariableDefinition local:
                text.Append(" V").Append(local.Index);
                break;
            case ParameterDefinition parameter:
                text.Append(" A").Append(parameter.Index);
                break;
            case MethodReference callee:
                text.Append(' ');
                Call(scan, method, instruction, callee);
                break;
            case FieldReference field:
                text.Append(' ');
                Field(scan, method, instruction, field);
                break;
            case TypeReference type:
                text.Append(' ').Append(CodeNames.Type(type));
                types.Use(scan, type);
                break;
            case CallSite:
                scan.CannotFollow($"indirect call (calli) in {DisplayNames.Of(method)} cannot be followed");
                break;
            default:
                text.Append(' ').Append(CodeNames.Literal(instruction.Operand));
                break;
        }
    }

    private void Call(NodeScanBuilder scan, MethodDefinition caller, Instruction instruction, MethodReference callee)
    {
        scan.Text.Append(CodeNames.Method(callee));
        types.UseArguments(scan, callee);
        if (!code.IsUser(callee.DeclaringType))
        {
            scan.DependOn(code.Fingerprint(callee.DeclaringType));
            if (ReflectionCalls.Kind(callee) is { } kind)
            {
                scan.CannotFollow($"{kind} {DisplayNames.Of(callee)} in {DisplayNames.Of(caller)} cannot be followed");
            }

            if (instruction.OpCode.Code is Code.Callvirt or Code.Ldvirtftn)
            {
                foreach (var target in dispatch.PipelineOverrides(callee))
                {
                    scan.Reach(target);
                }
            }

            return;
        }

        // DependsOn(Validate) reads another stage's property: that is a reference to the stage, not code of this one.
        if (callee.ReturnType.FullName == "LlmOps.Dsl.Stage" && callee.Parameters.Count == 0)
        {
            return;
        }

        if (Definitions.Of(callee) is not { } definition)
        {
            scan.CannotFollow($"call to {DisplayNames.Of(callee)} in {DisplayNames.Of(caller)} cannot be resolved");
            return;
        }

        if (parameters.PropertyOf(definition) is { } parameter)
        {
            scan.Read(parameter);
            return;
        }

        var dispatched = (instruction.OpCode.Code is Code.Callvirt or Code.Ldvirtftn && definition.IsVirtual)
            || (definition.IsStatic && (definition.IsVirtual || definition.IsAbstract));
        if (!dispatched)
        {
            scan.Slot(definition);
            if (instruction.OpCode.Code == Code.Newobj)
            {
                types.UseWhole(scan, definition.DeclaringType);
            }

            return;
        }

        var targets = dispatch.Targets(definition);
        if (targets.Count == 0)
        {
            var what = definition.DeclaringType.IsInterface ? "interface call" : "virtual call";
            scan.CannotFollow($"{what} {DisplayNames.Of(definition.DeclaringType)}.{definition.Name} in {DisplayNames.Of(caller)} cannot be resolved (no implementation in the analysed code)");
        }

        foreach (var target in targets)
        {
            // A parameter property read through an interface the pipeline implements is still a parameter read.
            if (parameters.PropertyOf(target) is { } implemented)
            {
                scan.Read(implemented);
            }
            else
            {
                scan.Reach(target);
            }
        }
    }

    private void Field(NodeScanBuilder scan, MethodDefinition reader, Instruction instruction, FieldReference reference)
    {
        scan.Text.Append(CodeNames.Field(reference));
        if (reference.DeclaringType is GenericInstanceType generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                types.Use(scan, argument);
            }
        }

        if (!code.IsUser(reference.DeclaringType))
        {
            scan.DependOn(code.Fingerprint(reference.DeclaringType));
            return;
        }

        if (Definitions.Of(reference) is not { } field)
        {
            scan.CannotFollow($"field {DisplayNames.Of(reference)} in {DisplayNames.Of(reader)} cannot be resolved");
            return;
        }

        if (field.InitialValue is { Length: > 0 } data)
        {
            scan.Text.Append(" data ").Append(Convert.ToHexString(data));
        }

        var reads = instruction.OpCode.Code is Code.Ldfld or Code.Ldsfld or Code.Ldflda or Code.Ldsflda or Code.Ldtoken;
        if (parameters.IsParameter(field))
        {
            if (reads)
            {
                scan.Read(field);
            }

            return;
        }

        if (!reads || TypeKinds.IsGenerated(field.DeclaringType))
        {
            return;
        }

        var shared = field.IsStatic || kinds.IsPipeline(field.DeclaringType);
        foreach (var writer in shared ? writers.OfShared(field) : writers.Of(field))
        {
            scan.Reach(writer);
        }

        if (kinds.IsDelegate(field) && writers.UntracedWriter(field) is { } untraced)
        {
            scan.CannotFollow($"delegate field {DisplayNames.Of(field)} read in {DisplayNames.Of(reader)} cannot be followed ({DisplayNames.Of(untraced)} stores a value from elsewhere in it)");
        }
    }
}
